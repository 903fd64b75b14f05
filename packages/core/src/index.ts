export { Linter, resourceRef, type LintInput, type LintOptions, type LinterOptions } from './linter.js';
export {
  ConfigError,
  findRule,
  isIgnoredByConfig,
  objectMatches,
  resolveConfig,
  resolveRuleOptions,
  severityLevel,
  type ConfigArray,
  type ConfigObject,
  type ObjectMatcher,
  type ResolvedConfig,
  type ResolvedRule,
} from './config.js';
export { corePlugin } from './core-rules.js';
export { Directives, IGNORE_ANNOTATION, parseRuleList, rulePatternMatches } from './directives.js';
export { globToRegExp, matchesGlob, matchesWildcard } from './glob.js';
export { joinPointer, parsePointer, valueAt, type PointerSegment } from './pointer.js';
export { nodeAtPointer, rangeOfOffsets, rangeOfPointer, type ReportTarget, type SourceRange } from './position.js';
export { ResourceIndex } from './resource-index.js';
export {
  CLUSTER_SCOPED_KINDS,
  createResource,
  describeResource,
  flattenLists,
  groupOf,
  isPlainObject,
  type Resource,
} from './resource.js';
export { buildResult, compareMessages, type LintMessage, type LintResult, type ResourceRef } from './results.js';
export {
  defineRule,
  definePlugin,
  formatMessage,
  type Plugin,
  type ReportDescriptor,
  type ReportNode,
  type Rule,
  type RuleContext,
  type RuleDocs,
  type RuleEntry,
  type RuleMeta,
  type RuleType,
  type RuleVisitors,
  type Severity,
  type SeverityLevel,
  type SeverityName,
  type Suggestion,
  type TextEdit,
} from './rule.js';
export { selectorMatches, serviceSelectorMatches } from './selectors.js';
export {
  defaultSettings,
  LATEST_KUBERNETES_VERSION,
  OLDEST_KUBERNETES_VERSION,
  parseKubernetesVersion,
  versionAtLeast,
  type Settings,
} from './settings.js';
export { defaultParseLimits, parseSourceFile, type InputProblem, type ParsedDocument, type ParseLimits, type SourceFile } from './source.js';
export { parseDuration, parseQuantity } from './units.js';
export { containersOf, podViewOf, WORKLOAD_KINDS, type ContainerRole, type ContainerView, type PodView } from './workloads.js';
export { applyEdit, applyFixes, type AppliedFixes } from './fixes.js';
export { editorFor, YamlEditor } from './edits.js';
