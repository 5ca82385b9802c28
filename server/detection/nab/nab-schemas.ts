/**
 * zod schemas for the corpus' JSON files: windows.json (anomaly windows per
 * data file) and profiles.json (cost matrices).
 */
import { z } from 'zod';
import { parseNabTimestamp } from './nab-time';

const nabTimestamp = z.string().refine((s) => parseNabTimestamp(s) !== null, { message: 'not a NAB timestamp (YYYY-MM-DD HH:MM:SS[.ffffff])' });

/** `{ "category/name.csv": [[start, end], ...] }` */
export const windowsFileSchema = z.record(
  z.string().regex(/^[^/]+\/[^/]+\.csv$/, 'keys look like "category/name.csv"'),
  z.array(z.tuple([nabTimestamp, nabTimestamp])),
);

export const costMatrixSchema = z.object({
  tpWeight: z.number().positive(),
  fnWeight: z.number().nonnegative(),
  fpWeight: z.number().nonnegative(),
  tnWeight: z.number().optional(),
});

export const profilesFileSchema = z.record(z.string().min(1), z.object({ CostMatrix: costMatrixSchema }));

export type WindowsFile = z.infer<typeof windowsFileSchema>;
export type ProfilesFile = z.infer<typeof profilesFileSchema>;
