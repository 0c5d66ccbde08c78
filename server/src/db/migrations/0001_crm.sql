-- CRM records (D1), change journal, links of Exchange items (A5, A6).
-- Ids are UUIDv7 made by the application, so ordering by id is ordering by creation and
-- keyset paging needs no second column.
-- pg_trgm goes to `public` explicitly: extensions are per database, and a test schema
-- that created it would take it along when dropped.
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;

CREATE TABLE crm_users (
  id uuid PRIMARY KEY,
  tenant_id text,
  subject text,
  email text,
  display_name text NOT NULL DEFAULT '',
  is_admin boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX crm_users_subject_uq ON crm_users (subject) WHERE subject IS NOT NULL;
CREATE UNIQUE INDEX crm_users_email_uq ON crm_users (email) WHERE email IS NOT NULL;

CREATE TABLE crm_groups (
  id uuid PRIMARY KEY,
  name text NOT NULL UNIQUE,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE crm_group_members (
  group_id uuid NOT NULL REFERENCES crm_groups(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES crm_users(id) ON DELETE CASCADE,
  PRIMARY KEY (group_id, user_id)
);
CREATE INDEX crm_group_members_user_ix ON crm_group_members (user_id);

CREATE TABLE crm_companies (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  number text,
  status text NOT NULL,
  owner_id uuid REFERENCES crm_users(id) ON DELETE SET NULL,
  restricted boolean NOT NULL DEFAULT false,
  phone text,
  website text,
  address jsonb,
  notes text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX crm_companies_name_lower_ix ON crm_companies (lower(name) text_pattern_ops);
CREATE INDEX crm_companies_name_trgm_ix ON crm_companies USING gin (lower(name) gin_trgm_ops);
CREATE INDEX crm_companies_number_ix ON crm_companies (lower(number) text_pattern_ops);

CREATE TABLE crm_company_domains (
  company_id uuid NOT NULL REFERENCES crm_companies(id) ON DELETE CASCADE,
  domain text NOT NULL,
  position integer NOT NULL,
  PRIMARY KEY (company_id, domain)
);
CREATE INDEX crm_company_domains_domain_ix ON crm_company_domains (domain text_pattern_ops);

-- Groups that may see a restricted company (besides its owner and admins).
CREATE TABLE crm_company_groups (
  company_id uuid NOT NULL REFERENCES crm_companies(id) ON DELETE CASCADE,
  group_id uuid NOT NULL REFERENCES crm_groups(id) ON DELETE CASCADE,
  PRIMARY KEY (company_id, group_id)
);
CREATE INDEX crm_company_groups_group_ix ON crm_company_groups (group_id);

CREATE TABLE crm_contacts (
  id uuid PRIMARY KEY,
  company_id uuid REFERENCES crm_companies(id) ON DELETE SET NULL,
  salutation text,
  title text,
  first_name text NOT NULL DEFAULT '',
  last_name text NOT NULL,
  job_title text,
  department text,
  phones jsonb NOT NULL DEFAULT '[]',
  address jsonb,
  birthday date,
  notes text NOT NULL DEFAULT '',
  owner_id uuid REFERENCES crm_users(id) ON DELETE SET NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX crm_contacts_company_ix ON crm_contacts (company_id);
CREATE INDEX crm_contacts_name_lower_ix ON crm_contacts (lower(last_name || ' ' || first_name) text_pattern_ops);
CREATE INDEX crm_contacts_name_trgm_ix ON crm_contacts USING gin (lower(first_name || ' ' || last_name) gin_trgm_ops);

-- Addresses stored normalised (trimmed, lower case) so suggest is one index probe each.
CREATE TABLE crm_contact_emails (
  contact_id uuid NOT NULL REFERENCES crm_contacts(id) ON DELETE CASCADE,
  address text NOT NULL,
  position integer NOT NULL,
  PRIMARY KEY (contact_id, address)
);
CREATE INDEX crm_contact_emails_address_ix ON crm_contact_emails (address text_pattern_ops);

CREATE TABLE crm_projects (
  id uuid PRIMARY KEY,
  company_id uuid NOT NULL REFERENCES crm_companies(id) ON DELETE CASCADE,
  number text,
  title text NOT NULL,
  status text NOT NULL,
  starts_on date,
  ends_on date,
  owner_id uuid REFERENCES crm_users(id) ON DELETE SET NULL,
  notes text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX crm_projects_company_status_ix ON crm_projects (company_id, status);
CREATE INDEX crm_projects_title_trgm_ix ON crm_projects USING gin (lower(title) gin_trgm_ops);
CREATE INDEX crm_projects_title_lower_ix ON crm_projects (lower(title) text_pattern_ops);
CREATE INDEX crm_projects_number_ix ON crm_projects (lower(number) text_pattern_ops);

CREATE TABLE crm_offers (
  id uuid PRIMARY KEY,
  company_id uuid NOT NULL REFERENCES crm_companies(id) ON DELETE CASCADE,
  project_id uuid REFERENCES crm_projects(id) ON DELETE SET NULL,
  number text,
  title text NOT NULL,
  status text NOT NULL,
  amount numeric(16, 2),
  currency text,
  valid_until date,
  owner_id uuid REFERENCES crm_users(id) ON DELETE SET NULL,
  notes text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX crm_offers_company_status_ix ON crm_offers (company_id, status);
CREATE INDEX crm_offers_title_trgm_ix ON crm_offers USING gin (lower(title) gin_trgm_ops);
CREATE INDEX crm_offers_title_lower_ix ON crm_offers (lower(title) text_pattern_ops);
CREATE INDEX crm_offers_number_ix ON crm_offers (lower(number) text_pattern_ops);

CREATE TABLE crm_appointments (
  id uuid PRIMARY KEY,
  subject text NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  all_day boolean NOT NULL DEFAULT false,
  location text,
  body text NOT NULL DEFAULT '',
  ical_uid text,
  attendees jsonb NOT NULL DEFAULT '[]',
  owner_id uuid REFERENCES crm_users(id) ON DELETE SET NULL,
  company_id uuid REFERENCES crm_companies(id) ON DELETE SET NULL,
  contact_id uuid REFERENCES crm_contacts(id) ON DELETE SET NULL,
  project_id uuid REFERENCES crm_projects(id) ON DELETE SET NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX crm_appointments_ical_uid_ix ON crm_appointments (ical_uid);

CREATE TABLE crm_tasks (
  id uuid PRIMARY KEY,
  subject text NOT NULL,
  starts_at timestamptz,
  due_at timestamptz,
  status text NOT NULL,
  priority text NOT NULL,
  body text NOT NULL DEFAULT '',
  owner_id uuid REFERENCES crm_users(id) ON DELETE SET NULL,
  company_id uuid REFERENCES crm_companies(id) ON DELETE SET NULL,
  contact_id uuid REFERENCES crm_contacts(id) ON DELETE SET NULL,
  project_id uuid REFERENCES crm_projects(id) ON DELETE SET NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE crm_mails (
  id uuid PRIMARY KEY,
  internet_message_id text NOT NULL UNIQUE,
  conversation_id text,
  subject text NOT NULL DEFAULT '',
  sender jsonb,
  to_recipients jsonb NOT NULL DEFAULT '[]',
  cc_recipients jsonb NOT NULL DEFAULT '[]',
  sent_at timestamptz,
  received_at timestamptz,
  body_type text NOT NULL,
  body text NOT NULL,
  attachments jsonb NOT NULL DEFAULT '[]',
  filed_by uuid REFERENCES crm_users(id) ON DELETE SET NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Appended in the transaction of every write; seq order is commit order because writers
-- take one advisory lock before appending (see journal.store.ts).
CREATE TABLE crm_changes (
  seq bigserial PRIMARY KEY,
  entity_type text NOT NULL,
  entity_id uuid NOT NULL,
  operation text NOT NULL CHECK (operation IN ('create', 'update', 'delete')),
  version integer NOT NULL,
  origin text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX crm_changes_type_seq_ix ON crm_changes (entity_type, seq);

-- An Exchange item as seen by links. Its identities live in crm_item_identities so a
-- lookup by any one of them (Message-ID, iCalUId, EWS/REST/immutable id) finds it.
CREATE TABLE crm_items (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('mail', 'appointment')),
  mailbox text NOT NULL,
  conversation_id text,
  subject text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE crm_item_identities (
  kind text NOT NULL,
  value text NOT NULL,
  item_id uuid NOT NULL REFERENCES crm_items(id) ON DELETE CASCADE,
  PRIMARY KEY (kind, value)
);
CREATE INDEX crm_item_identities_item_ix ON crm_item_identities (item_id);

CREATE TABLE crm_links (
  item_id uuid NOT NULL REFERENCES crm_items(id) ON DELETE CASCADE,
  record_type text NOT NULL CHECK (record_type IN ('company', 'contact', 'project', 'offer')),
  record_id uuid NOT NULL,
  created_by uuid REFERENCES crm_users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (item_id, record_type, record_id)
);
CREATE INDEX crm_links_record_ix ON crm_links (record_type, record_id);
