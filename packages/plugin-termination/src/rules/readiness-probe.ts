import { defineRule } from '@kubelore/core';
// placeholder replaced below
export default defineRule({ meta: { type: 'problem', docs: { description: '', story: '', recommended: true }, messages: { x: '' } }, create: () => ({}) });
