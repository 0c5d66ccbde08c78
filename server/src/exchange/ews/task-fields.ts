import { NS } from '../../xml/namespaces';
import { el } from '../../xml/render-xml';
import { childrenNamed, firstChild, type XmlElement } from '../../xml/xml-element';
import type { TaskFields, TaskReadOnly, TaskStatus } from './ews-types';
import { elementField, textField, type FieldCodec } from './field-codec';
import { buildRecurrence, readRecurrence } from './recurrence-xml';
import { typesBool, typesInt, typesText, withoutUndefined } from './xml-read';

/**
 * Task properties in types.xsd `TaskType` order. Delegated tasks (assignment) are not
 * writable through EWS, so only the owner's view is modelled.
 * https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/task
 */
export const taskCodecs: readonly FieldCodec<TaskFields>[] = [
  textField('billingInformation', 'BillingInformation', 'task:BillingInformation'),
  elementField('companies', 'task:Companies', (companies) => el('t:Companies', {}, companies.map((c) => el('t:String', {}, c)))),
  textField('dueDate', 'DueDate', 'task:DueDate'),
  textField('mileage', 'Mileage', 'task:Mileage'),
  textField('percentComplete', 'PercentComplete', 'task:PercentComplete'),
  elementField('recurrence', 'task:Recurrence', buildRecurrence),
  textField('startDate', 'StartDate', 'task:StartDate'),
  textField('status', 'Status', 'task:Status'),
];

export function readTaskFields(item: XmlElement): TaskFields & TaskReadOnly {
  const companies = firstChild(item, NS.types, 'Companies');
  return withoutUndefined({
    billingInformation: typesText(item, 'BillingInformation'),
    companies: companies ? childrenNamed(companies, NS.types, 'String').map((s) => s.text) : undefined,
    dueDate: typesText(item, 'DueDate'),
    mileage: typesText(item, 'Mileage'),
    percentComplete: typesInt(item, 'PercentComplete'),
    recurrence: readRecurrence(item),
    startDate: typesText(item, 'StartDate'),
    status: typesText(item, 'Status') as TaskStatus | undefined,
    completeDate: typesText(item, 'CompleteDate'),
    isComplete: typesBool(item, 'IsComplete'),
    isRecurring: typesBool(item, 'IsRecurring'),
    owner: typesText(item, 'Owner'),
    delegationState: typesText(item, 'DelegationState'),
  });
}
