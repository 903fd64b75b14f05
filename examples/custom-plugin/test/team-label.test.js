import { RuleTester } from '@kubelore/rule-tester';
import plugin from '../index.js';

new RuleTester().run('acme/team-label', plugin.rules['team-label'], {
  valid: [
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels: {team: payments}\nspec:\n  containers: [{name: web, image: nginx}]\n',
    {
      code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels: {owner: payments}\nspec:\n  containers: [{name: web, image: nginx}]\n',
      options: { label: 'owner' },
    },
  ],
  invalid: [
    {
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels:
        app: api
    spec:
      containers: [{name: api, image: ghcr.io/acme/api:1.0}]
`,
      errors: [{ messageId: 'missing', message: 'Deployment "api" has no "team" label on its pods: alerts cannot be routed to an owner.', line: 10, column: 7 }],
    },
  ],
});
