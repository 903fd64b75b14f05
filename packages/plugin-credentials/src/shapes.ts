// The list readers live in core, beside isPlainObject, for every plugin (third-party ones too).
export { eachMapping, listOf, mappingsOf } from '@kubelore/core';

type ContainerSpec = import('@kubelore/core').ContainerView['container'];
export type EnvVar = NonNullable<ContainerSpec['env']>[number];
export type EnvFromSource = NonNullable<ContainerSpec['envFrom']>[number];
