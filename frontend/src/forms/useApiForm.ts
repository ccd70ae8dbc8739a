// A form that sends to the API: busy while sending, the server's validation messages at the fields they name (in
// the UI's language) and the rest above the buttons, a success note, and the permission check done by the caller.

import { useMessage } from 'naive-ui';
import { reactive, ref } from 'vue';
import { ApiError } from '../api/client';
import { fieldErrors, localMessage } from '../api/errors';
import { getLang, t } from '../i18n';

/** `fieldOf` names the field a message is about, when the first word does not (see fieldErrors). */
export function useApiForm<F extends string>(fields: readonly F[], fieldOf?: (message: string) => string | undefined) {
  const errors = reactive<Record<string, string | undefined>>({});
  const formError = ref('');
  const busy = ref(false);
  const message = useMessage();

  /** Clears the messages (a form opened again starts clean). */
  function reset(): void {
    for (const f of fields) delete errors[f];
    formError.value = '';
  }

  /** Runs the request; true when it succeeded. */
  async function submit(send: () => Promise<unknown>): Promise<boolean> {
    reset();
    busy.value = true;
    try {
      await send();
      message.success(t('saved'));
      return true;
    } catch (e) {
      const messages = e instanceof ApiError ? e.messages : [(e as Error).message];
      const r = fieldErrors(messages.length ? messages : [String((e as Error).message)], fields, fieldOf);
      for (const [f, m] of Object.entries(r.fields)) errors[f] = localMessage(m, getLang());
      formError.value = r.form.map((m) => localMessage(m, getLang())).join('；');
      return false;
    } finally {
      busy.value = false;
    }
  }

  /** Props for an NFormItem: its error shown under the field. */
  const item = (f: F) => ({
    validationStatus: errors[f] ? ('error' as const) : undefined,
    feedback: errors[f],
    'data-field': f,
  });

  return { errors, formError, busy, submit, item, reset };
}
