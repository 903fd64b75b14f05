// The public face of @kubelore/core: what rule authors and library users need. Engine internals (the
// parser, directives, config resolution, masking offsets) are in `@kubelore/core/internal`, for
// kubelore's own packages; they may change in any release.
export {
  Linter,
  fixedTextOf,
  ignoredDirectiveCount,
  type CachedFinding,
  type FindingsCache,
  type FixOptions,
  type LintInput,
  type LintOptions,
  type LinterOptions,
} from './linter.js';
export { ConfigError, validateRuleOptions, type ConfigArray, type ConfigObject, type ObjectMatcher, type ResolvedConfig, type ResolvedRule } from './config.js';
export { corePlugin, PARSE_ERROR_ID, ruleIdOf } from './engine-rules.js';
export { presetConfig, PRESETS, type PresetName } from './presets.js';
export { REDACTED } from './mask.js';
export { editDistance } from './edit-distance.js';
export { IGNORE_ANNOTATION, isIgnoredByAnnotation } from './directives.js';
export type { KindMap } from './kinds.js';
export { joinPointer, parsePointer, valueAt, type PointerSegment } from './pointer.js';
export type { ReportTarget, SourceRange } from './position.js';
export { ResourceIndex, type CustomKind, type IndexChange, type IndexTable } from './resource-index.js';
export { describeLabels, describeResource, groupOf, isKustomizePatch, isPlainObject, isTestAssertionFile, toPosixPath, type Resource } from './resource.js';
export { isKustomization, isListedPatch, isPatchInInput, isRemoteEntry, normalizePath } from './kustomize.js';
export { eachMapping, listOf, mappingsOf } from './shapes.js';
export { buildResult, compareMessages, type LintMessage, type LintResult, type RepeatLocation, type ResourceRef } from './results.js';
export { foldRepeatedFindings } from './repeats.js';
export type { LintStats, PassStats, TimeStats } from './stats.js';
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
  clampKubernetesVersion,
  compareKubernetesVersions,
  parseKubernetesVersion,
  versionAtLeast,
  type Settings,
} from './settings.js';
export type { ParsedDocument, SourceFile } from './source.js';
export { parseDuration, parseQuantity } from './units.js';
export { containersOf, podViewOf, WORKLOAD_KINDS, type ContainerRole, type ContainerView, type PodView } from './workloads.js';
export { applyEdit, applyFixes, type AppliedFixes } from './fixes.js';
export { editorFor, YamlEditor } from './edits.js';
export { goYamlPlainValue, kubectlMayReadOtherwise, kubectlReadingAt, plainScalarAt, type KubectlReading, type PlainScalar } from './kubectl-reading.js';
