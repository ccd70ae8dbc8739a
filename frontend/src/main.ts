// Entry: Vue app with Pinia and the router; Naive UI components are imported where used (tree-shaken).

import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { setLang, getLang } from './i18n';
import { router } from './router';
import './style.css';

setLang(getLang());
createApp(App).use(createPinia()).use(router).mount('#app');
