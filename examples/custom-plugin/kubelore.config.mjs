// Wires the plugin in: register it under its prefix, then turn its rule on.
import acme from './index.js';

export default [
  'kubelore:recommended',
  {
    plugins: { acme },
    rules: { 'acme/team-label': 'error' },
  },
];
