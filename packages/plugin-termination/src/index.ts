import { definePlugin } from '@kubelore/core';
import gracePeriod from './rules/grace-period.js';
import livenessProbe from './rules/liveness-probe.js';
import prestopDelay from './rules/prestop-delay.js';
import prestopSleepAction from './rules/prestop-sleep-action.js';
import probePort from './rules/probe-port.js';
import readinessProbe from './rules/readiness-probe.js';

const plugin = definePlugin({
  name: 'termination',
  docsDir: new URL('../docs/rules/', import.meta.url),
  docsUrl: 'https://github.com/kubelore/kubelore/blob/main/packages/plugin-termination/docs/rules',
  version: '0.1.0',
  rules: {
    'prestop-delay': prestopDelay,
    'grace-period': gracePeriod,
    'prestop-sleep-action': prestopSleepAction,
    'readiness-probe': readinessProbe,
    'liveness-probe': livenessProbe,
    'probe-port': probePort,
  },
});

export default plugin;
export { delaySeconds, execSleepSeconds, preStopDelayOf, type PreStopDelay } from './lifecycle.js';
export { AUXILIARY_PORTS, isAuxiliaryPort, isServed, isServingContainer, servingReason } from './serving.js';
