/**
 * Task and Event as real orgs describe them to an admin, field by field (fact ACTIVITY-DESCRIBES):
 * Event from CumulusCI's recorded describe, Task from the describe Salesforce's editor tooling saved
 * in a public project (sources in docs/salesforce.md). Neither shows `Type`: the admin's FLS hides it,
 * while the FieldPermissions.Field picklist lists it (fact FIELD-PERMISSIONS-PICKLIST).
 */
import { field, object, type FieldDef, type FieldOpts, type ObjectDef } from './schema';

const readOnly = { createable: false, updateable: false, permissionable: false } as const;
/** What the recorded describes mark `permissionable: false` (most activity fields carry no FLS). */
const noFls = { permissionable: false } as const;
const flag = (name: string, opts: FieldOpts = {}): FieldDef =>
  field(name, 'boolean', { permissionable: false, nillable: false, defaultedOnCreate: true, ...opts });
const pick = (name: string, values: string[], opts: FieldOpts = {}): FieldDef =>
  field(name, 'picklist', { picklistValues: values, ...noFls, ...opts });

const whoWhat = (): FieldDef[] => [
  field('WhoId', 'reference', { referenceTo: ['Contact', 'Lead'], relationshipName: 'Who' }),
  field('WhatId', 'reference', { referenceTo: ['Account', 'Opportunity'], relationshipName: 'What' }),
];
const subject = (values: string[]): FieldDef =>
  // The activity's name field: a combobox, optional in the API, without FLS of its own.
  field('Subject', 'combobox', { nameField: true, picklistValues: values, permissionable: false });
/** Present in the org, hidden from the admin by FLS; grantable through FieldPermissions. */
const hiddenType = (): FieldDef => pick('Type', ['Call', 'Email', 'Meeting', 'Other'], { permissionable: true, hiddenFromAdmins: true });

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const RECURRENCE_TYPES = [
  'RecursDaily',
  'RecursEveryWeekday',
  'RecursMonthly',
  'RecursMonthlyNth',
  'RecursWeekly',
  'RecursYearly',
  'RecursYearlyNth',
];
const recurrence = (self: 'Task' | 'Event', start: FieldDef, end: FieldDef): FieldDef[] => [
  field('RecurrenceActivityId', 'reference', { ...readOnly, referenceTo: [self] }),
  flag('IsRecurrence', { updateable: false }),
  start,
  end,
  pick('RecurrenceTimeZoneSidKey', ['America/Los_Angeles', 'Europe/London', 'Europe/Stockholm', 'GMT']),
  pick('RecurrenceType', RECURRENCE_TYPES),
  field('RecurrenceInterval', 'int', noFls),
  field('RecurrenceDayOfWeekMask', 'int', noFls),
  field('RecurrenceDayOfMonth', 'int', noFls),
  pick('RecurrenceInstance', ['First', 'Second', 'Third', 'Fourth', 'Last']),
  pick('RecurrenceMonthOfYear', MONTHS),
];

export function taskObject(): ObjectDef {
  return object('Task', '00T', [
    ...whoWhat(),
    subject(['Call', 'Email', 'Send Letter', 'Send Quote', 'Other']),
    field('ActivityDate', 'date'),
    pick('Status', ['Not Started', 'In Progress', 'Completed', 'Waiting on someone else', 'Deferred'], {
      nillable: false,
      defaultedOnCreate: true,
    }),
    pick('Priority', ['High', 'Normal', 'Low'], { nillable: false, defaultedOnCreate: true }),
    flag('IsHighPriority', readOnly),
    field('Description', 'textarea'),
    flag('IsDeleted', readOnly),
    field('AccountId', 'reference', { ...readOnly, referenceTo: ['Account'], relationshipName: 'Account' }),
    flag('IsClosed', readOnly),
    flag('IsArchived', readOnly),
    field('CallDurationInSeconds', 'int', noFls),
    pick('CallType', ['Internal', 'Inbound', 'Outbound']),
    field('CallDisposition', 'string', noFls),
    field('CallObject', 'string', noFls),
    field('ReminderDateTime', 'datetime', noFls),
    flag('IsReminderSet'),
    ...recurrence('Task', field('RecurrenceStartDateOnly', 'date', noFls), field('RecurrenceEndDateOnly', 'date', noFls)),
    pick('RecurrenceRegeneratedType', ['RecurrenceRegenerateAfterDueDate', 'RecurrenceRegenerateAfterToday', 'RecurrenceRegenerated']),
    pick('TaskSubtype', ['Task', 'Email', 'ListEmail', 'Cadence', 'Call', 'LinkedIn'], { updateable: false }),
    field('CompletedDateTime', 'datetime', readOnly),
    hiddenType(),
  ]);
}

export function eventObject(): ObjectDef {
  return object('Event', '00U', [
    ...whoWhat(),
    subject(['Call', 'Email', 'Meeting', 'Send Letter/Quote', 'Other']),
    field('Location', 'string'),
    flag('IsAllDayEvent', { permissionable: true }),
    field('ActivityDateTime', 'datetime', noFls),
    field('ActivityDate', 'date', noFls),
    field('DurationInMinutes', 'int', noFls),
    field('StartDateTime', 'datetime', noFls),
    field('EndDateTime', 'datetime', noFls),
    field('EndDate', 'date', readOnly),
    field('Description', 'textarea'),
    field('AccountId', 'reference', { ...readOnly, referenceTo: ['Account'], relationshipName: 'Account' }),
    flag('IsPrivate'),
    pick('ShowAs', ['Busy', 'OutOfOffice', 'Free'], { defaultedOnCreate: true, length: 40 }),
    flag('IsDeleted', readOnly),
    flag('IsChild', readOnly),
    flag('IsGroupEvent', readOnly),
    pick('GroupEventType', ['0', '1', '2', '3'], { ...readOnly, defaultedOnCreate: true }),
    flag('IsArchived', readOnly),
    ...recurrence('Event', field('RecurrenceStartDateTime', 'datetime', noFls), field('RecurrenceEndDateOnly', 'date', noFls)),
    field('ReminderDateTime', 'datetime', noFls),
    flag('IsReminderSet'),
    pick('EventSubtype', ['Event'], { updateable: false }),
    hiddenType(),
  ]);
}
