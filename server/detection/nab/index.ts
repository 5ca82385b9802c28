/**
 * The Numenta Anomaly Benchmark (NAB) harness: corpus loader, the NAB scorer,
 * a runner for streaming detectors, NAB-layout results files and the report
 * `npm run nab` prints.
 */
export { DEFAULT_NAB_DIR, loadNabCorpus, REPO_ROOT, resolveWindows, rowAt, type NabCorpus, type NabSeries } from './corpus-loader';
export { leaveOneCategoryOut, type HeldOutCategory, type LeaveOneCategoryOut } from './cross-validation';
export { DEFAULT_DETECTOR, NAB_DETECTORS, type NabDetector } from './detectors';
export { DEFAULT_OUT_DIR, runNabCommand, type CommandIo } from './nab-command';
export { NabFormatError, parseResultsCsv, parseSeriesCsv, type ResultColumns, type SeriesColumns } from './nab-csv';
export { costMatrixSchema, profilesFileSchema, windowsFileSchema, type ProfilesFile, type WindowsFile } from './nab-schemas';
export { formatNabTimestamp, parseNabTimestamp } from './nab-time';
export { REFERENCE_SCORES, type ReferenceRow } from './reference-scores';
export { formatReport, type ReportInput } from './report';
export { formatResultsCsv, readResults, resultsFilePath, writeResultsFile } from './results-files';
export { runDetector, runSeries, scoreProfiles, type DetectorFactory, type FileProgress, type ProfileScore, type RunOptions, type StreamingDetector } from './runner';
export {
  DEFAULT_PROBATION_PERCENT,
  OUTSIDE,
  PROBATION,
  probationLength,
  rowWeights,
  scaledSigmoid,
  scoreAtThreshold,
  scoreByCategory,
  scoreCorpus,
  type CategoryScore,
  type CorpusScore,
  type CostMatrix,
  type FileScore,
  type RowWeights,
  type ScoredSeries,
  type ScorerOptions,
  type WindowSpan,
} from './scorer';
