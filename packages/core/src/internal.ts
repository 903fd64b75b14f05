// Engine internals for kubelore's own packages (CLI, formatters, rule tester, language server). Not a
// stable API: anything here may change in any release. Rule authors and library users: use the main entry.
export { appliesToFile, configKey, findRule, isIgnoredByConfig, objectMatches, resolveConfig, resolveRuleOptions, severityLevel, validateConfigArray, validateShape } from './config.js';
export { decodeManifest, mayBeManifest, mayHoldObjects, type Decoded } from './decode.js';
export { Directives, parseRuleList, rulePatternMatches } from './directives.js';
export { globToRegExp, matchesGlob, matchesWildcard } from './glob.js';
export { maskMessages, maskRanges, secretRanges } from './mask.js';
export { KUSTOMIZATION_FILES } from './kustomize.js';
export { modelResources } from './model.js';
export { fastParseOf, parseSourceFile } from './parse.js';
export { toTransfer, transferables, type TransferredParse } from './fast-parse/transfer.js';
export { prepareParse } from './prepared.js';
export { nodeAtPointer, rangeOfOffsets, rangeOfPointer } from './position.js';
export { offsetsOf, resourceRef } from './report.js';
export { CLUSTER_SCOPED_KINDS, createResource, flattenLists } from './resource.js';
export { parseLimitsOf } from './settings.js';
export { defaultParseLimits, type InputProblem, type ParseLimits } from './source.js';
export { LintSession, type ModelledFile } from './session.js';
