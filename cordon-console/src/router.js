import { createRouter, createWebHashHistory } from 'vue-router';
import { session, loadMe } from './session.js';
import SignIn from './views/SignIn.vue';
import ConsoleShell from './views/ConsoleShell.vue';

// Pages load on demand, so the sign-in page does not wait for ECharts and Leaflet.
// Hash history: the server serves one index.html and needs no route forwarding for deep links.
export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/login', name: 'login', component: SignIn, meta: { public: true } },
    {
      path: '/',
      component: ConsoleShell,
      children: [
        { path: '', redirect: { name: 'dashboard' } },
        { path: 'dashboard', name: 'dashboard', component: () => import('./views/Dashboard.vue') },
        { path: 'intake', name: 'intake', component: () => import('./views/Intake.vue') },
        { path: 'cases', name: 'cases', component: () => import('./views/Cases.vue') },
        { path: 'cases/:id(\\d+)', name: 'case', component: () => import('./views/CaseDetail.vue'), props: true },
        { path: 'tasks', name: 'tasks', component: () => import('./views/Tasks.vue') },
        { path: 'assist-requests', name: 'assist-requests', component: () => import('./views/AssistRequests.vue') },
        { path: 'testing', name: 'testing', component: () => import('./views/Testing.vue') },
        { path: 'health-codes', name: 'health-codes', component: () => import('./views/HealthCodes.vue') },
      ],
    },
    { path: '/:rest(.*)*', redirect: { name: 'dashboard' } },
  ],
});

router.beforeEach(async (to) => {
  if (!session.user) {
    try {
      await loadMe();
    } catch {
      // server unreachable: treat as signed out, the sign-in page shows the error on submit
    }
  }
  if (to.meta.public) {
    return session.user && to.name === 'login' ? { name: 'dashboard' } : true;
  }
  if (!session.user) {
    return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} };
  }
  return true;
});
