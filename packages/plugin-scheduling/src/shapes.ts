// The list readers live in core, beside isPlainObject, for every plugin (third-party ones too).
export { eachMapping, listOf, mappingsOf } from '@kubelore/core';
