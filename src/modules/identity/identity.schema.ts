import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** The organisation tree: government → departments → sections. `code` is hierarchical (parent's code + 3 digits). */
export const orgUnit = pgTable(
  'org_unit',
  {
    id: uuid('id').primaryKey(),
    parentId: uuid('parent_id'),
    code: text('code').notNull(),
    kind: text('kind', { enum: ['government', 'department', 'section'] }).notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    sort: integer('sort').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('org_unit_code_idx').on(t.code), index('org_unit_parent_idx').on(t.parentId)],
);

/** The region tree: county → township/street → village/community, with statistical-style hierarchical codes. */
export const region = pgTable(
  'region',
  {
    id: uuid('id').primaryKey(),
    parentId: uuid('parent_id'),
    code: text('code').notNull(),
    level: text('level', { enum: ['county', 'township', 'village'] }).notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('region_code_idx').on(t.code), index('region_parent_idx').on(t.parentId)],
);

/** Every account: residents and enterprises sign in on the public listener, staff on the internal one. */
export const account = pgTable(
  'account',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind', { enum: ['resident', 'enterprise', 'staff'] }).notNull(),
    /** Staff user name, or the enterprise's credit code; residents sign in by ID number or mobile (hashes below). */
    login: text('login'),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    active: boolean('active').notNull().default(true),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('account_login_idx').on(t.kind, t.login)],
);

/** A natural person. ID number and phone are stored encrypted, with keyed hashes for lookup and uniqueness. */
export const residentProfile = pgTable(
  'resident_profile',
  {
    accountId: uuid('account_id')
      .primaryKey()
      .references(() => account.id, { onDelete: 'cascade' }),
    realName: text('real_name').notNull(),
    idNumberEnc: text('id_number_enc').notNull(),
    idNumberHash: text('id_number_hash').notNull(),
    phoneEnc: text('phone_enc').notNull(),
    phoneHash: text('phone_hash').notNull(),
  },
  (t) => [uniqueIndex('resident_id_number_idx').on(t.idNumberHash), uniqueIndex('resident_phone_idx').on(t.phoneHash)],
);

/** An enterprise or organisation; the credit code is public register data and stays in clear. */
export const enterpriseProfile = pgTable(
  'enterprise_profile',
  {
    accountId: uuid('account_id')
      .primaryKey()
      .references(() => account.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    creditCode: text('credit_code').notNull(),
    legalRepName: text('legal_rep_name').notNull(),
    contactName: text('contact_name').notNull(),
    contactPhoneEnc: text('contact_phone_enc').notNull(),
    contactPhoneHash: text('contact_phone_hash').notNull(),
  },
  (t) => [uniqueIndex('enterprise_credit_code_idx').on(t.creditCode)],
);

/** A resident who may act for an enterprise, recorded by the enterprise account. */
export const enterpriseAgent = pgTable(
  'enterprise_agent',
  {
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => account.id, { onDelete: 'cascade' }),
    residentId: uuid('resident_id')
      .notNull()
      .references(() => account.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.enterpriseId, t.residentId] }), index('enterprise_agent_resident_idx').on(t.residentId)],
);

/** Where a staff member sits: one org unit, an optional region (township and village agents). */
export const staffProfile = pgTable('staff_profile', {
  accountId: uuid('account_id')
    .primaryKey()
    .references(() => account.id, { onDelete: 'cascade' }),
  orgUnitId: uuid('org_unit_id')
    .notNull()
    .references(() => orgUnit.id),
  regionId: uuid('region_id').references(() => region.id),
});

export const staffRole = pgTable(
  'staff_role',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => account.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.role] })],
);
