import type { ExtendedPropertyPath } from '../ews/extended-property';

/**
 * The CRM id stamped on every synced item (C3): a named string property in Tandem's own
 * property set, so a lost pair can be re-found. The GUID is Tandem's and must never
 * change, or stamped items would no longer be recognised.
 */
export const crmIdProperty: ExtendedPropertyPath = {
  propertyType: 'String',
  propertySetId: '6d1c7a58-3f0e-4b8e-9b4e-2a7c5f0d9e31',
  propertyName: 'TandemCrmId',
};
