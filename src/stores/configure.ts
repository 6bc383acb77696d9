import { configure } from 'mobx';

// Once, before any store exists: mini-program JS engines lack reliable Proxy support, so MobX
// uses its ES5 observables; actions are not enforced (stores change state in actions anyway).
configure({ useProxies: 'never', enforceActions: 'never' });
