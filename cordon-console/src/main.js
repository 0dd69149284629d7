import { createApp } from 'vue';
import {
  ElAlert, ElAside, ElAutocomplete, ElButton, ElCard, ElCheckbox, ElCol, ElConfigProvider, ElContainer,
  ElDescriptions, ElDescriptionsItem, ElDivider, ElEmpty, ElForm, ElFormItem, ElHeader, ElIcon,
  ElInput, ElLoading, ElMain, ElMenu, ElMenuItem, ElProgress, ElRadio, ElRadioButton, ElRadioGroup, ElRow,
  ElTable, ElTableColumn, ElTag, ElTooltip, ElTree, ElUpload,
} from 'element-plus';
import 'element-plus/dist/index.css';
import App from './App.vue';
import { i18n, setLocale } from './i18n.js';
import { router } from './router.js';
import { onUnauthorized } from './api.js';
import { session } from './session.js';
import './style.css';

const app = createApp(App);
// Components registered one by one so the bundle carries only what the console uses.
for (const c of [
  ElAlert, ElAside, ElAutocomplete, ElButton, ElCard, ElCheckbox, ElCol, ElConfigProvider, ElContainer,
  ElDescriptions, ElDescriptionsItem, ElDivider, ElEmpty, ElForm, ElFormItem, ElHeader, ElIcon,
  ElInput, ElMain, ElMenu, ElMenuItem, ElProgress, ElRadio, ElRadioButton, ElRadioGroup, ElRow,
  ElTable, ElTableColumn, ElTag, ElTooltip, ElTree, ElUpload,
]) {
  app.use(c);
}
app.use(ElLoading);
app.use(i18n);
app.use(router);

onUnauthorized(() => {
  session.user = null;
  const current = router.currentRoute.value;
  if (!current.meta.public) {
    router.replace({ name: 'login', query: { redirect: current.fullPath } });
  }
});

setLocale(i18n.global.locale.value);
app.mount('#app');
