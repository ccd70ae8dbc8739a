/**
 * An RTU's 10-digit station address is its reservoir's code without the dash: reservoir `431124-0007` (6-digit
 * county admin code + 4-digit number) is station `4311240007`. SL 651 allows this form (3 BCD bytes of admin code
 * + 2 bytes), so stations are configured once, on site, and no mapping table has to be kept in step.
 */
const ADDRESS = /^([0-9]{6})([0-9]{4})$/;

/** The reservoir code for a station address, or null when the address is not 10 decimal digits. */
export function reservoirCodeOf(stationAddress: string): string | null {
  const m = ADDRESS.exec(stationAddress);
  return m ? `${m[1]}-${m[2]}` : null;
}

/** The station address an RTU at this reservoir must be configured with. */
export function stationAddressOf(reservoirCode: string): string {
  return reservoirCode.replace('-', '');
}
