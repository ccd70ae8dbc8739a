// Routes, each page loaded on first visit (the overview is the first screen and stays small).

import { createRouter, createWebHashHistory } from 'vue-router';
import { useSession } from './stores/session';

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: '/overview' },
    { path: '/login', name: 'login', component: () => import('./views/LoginView.vue'), meta: { public: true } },
    { path: '/overview', name: 'overview', component: () => import('./views/OverviewView.vue') },
    { path: '/alerts', name: 'alerts', component: () => import('./views/DeskView.vue') },
    { path: '/stations', name: 'stations', component: () => import('./views/StationsView.vue') },
    { path: '/reservoir/:code', name: 'reservoir', component: () => import('./views/ReservoirView.vue'), props: true },
    { path: '/programme', name: 'programme', component: () => import('./views/ProgrammeView.vue') },
    {
      path: '/programme/projects/:id',
      name: 'project',
      component: () => import('./views/ProjectView.vue'),
      props: (r) => ({ id: Number(r.params.id) }),
    },
    { path: '/ledger', name: 'ledger', component: () => import('./views/LedgerView.vue') },
    { path: '/report', name: 'report', component: () => import('./views/DailyReportView.vue') },
    { path: '/users', name: 'users', component: () => import('./views/UsersView.vue') },
    { path: '/:rest(.*)', redirect: '/overview' },
  ],
});

router.beforeEach(async (to) => {
  if (to.meta.public) return true;
  const session = useSession();
  if (!session.token) return { name: 'login', query: { next: to.fullPath } };
  if (!session.user && !(await session.loadUser())) return { name: 'login', query: { next: to.fullPath } };
  return true;
});
