/**
 * The new-work-order form, checked before it is sent: what each field needs
 * and the request it becomes. An emergency means the line is stopped, so it
 * always sends stopsLine. Pure; the date parser is passed in (the form's
 * datetime-local value is the viewer's local time).
 */
import type { CreateWorkOrderRequest, ManualWorkOrderType } from '../../../server/http/api-types';
import { FAILURE_MODES } from './work-order-outcome';

export const MANUAL_TYPES = ['corrective', 'preventive', 'emergency', 'inspection'] as const satisfies readonly ManualWorkOrderType[];

export const TYPE_LABEL: Record<ManualWorkOrderType, string> = {
  corrective: 'Corrective',
  preventive: 'Preventive',
  emergency: 'Emergency',
  inspection: 'Inspection',
};

export const TYPE_HINT: Record<ManualWorkOrderType, string> = {
  corrective: 'Fix a fault someone found',
  preventive: 'Planned maintenance',
  emergency: 'The line is stopped now',
  inspection: 'Look and report',
};

export interface NewOrderForm {
  type: string;
  deviceId: string;
  title: string;
  description: string;
  severity: string;
  failureMode: string;
  stopsLine: boolean;
  /** datetime-local value ("2026-11-22T14:30") or ''. */
  due: string;
}

export type NewOrderField = keyof NewOrderForm;

export type NewOrderCheck = { ok: true; request: CreateWorkOrderRequest } | { ok: false; problems: Partial<Record<NewOrderField, string>> };

export function isManualType(value: string): value is ManualWorkOrderType {
  return (MANUAL_TYPES as readonly string[]).includes(value);
}

/** Whether the line stops: always for an emergency, else as ticked. */
export function stopsLineFor(type: string, ticked: boolean): boolean {
  return type === 'emergency' || ticked;
}

export function checkNewOrder(form: NewOrderForm, now: number, parseLocal: (value: string) => number = (v) => new Date(v).getTime()): NewOrderCheck {
  const problems: Partial<Record<NewOrderField, string>> = {};
  const title = form.title.trim();
  const description = form.description.trim();
  if (!isManualType(form.type)) problems.type = 'Choose what kind of work this is';
  if (!form.deviceId) problems.deviceId = 'Choose the device';
  if (!title) problems.title = 'Say in a few words what is wrong or what to do';
  else if (title.length > 200) problems.title = 'At most 200 characters';
  if (description.length > 5000) problems.description = 'At most 5000 characters';
  if (form.severity && form.severity !== 'warn' && form.severity !== 'alarm') problems.severity = 'Warn, alarm or none';
  if (form.failureMode && !(FAILURE_MODES as readonly string[]).includes(form.failureMode)) problems.failureMode = 'Unknown failure mode';
  let dueAt: number | undefined;
  if (form.due) {
    const t = parseLocal(form.due);
    if (!Number.isFinite(t)) problems.due = 'Not a date and time';
    else if (t <= now) problems.due = 'Must be in the future';
    else dueAt = t;
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  const type = form.type as ManualWorkOrderType;
  const request: CreateWorkOrderRequest = { type, deviceId: form.deviceId, title, stopsLine: stopsLineFor(type, form.stopsLine) };
  if (description) request.description = description;
  if (form.severity === 'warn' || form.severity === 'alarm') request.severity = form.severity;
  if (form.failureMode) request.failureMode = form.failureMode as NonNullable<CreateWorkOrderRequest['failureMode']>;
  if (dueAt !== undefined) request.dueAt = dueAt;
  return { ok: true, request };
}
