CREATE TABLE "account" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"login" text,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"password_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enterprise_agent" (
	"enterprise_id" uuid NOT NULL,
	"resident_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enterprise_agent_enterprise_id_resident_id_pk" PRIMARY KEY("enterprise_id","resident_id")
);
--> statement-breakpoint
CREATE TABLE "enterprise_profile" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"credit_code" text NOT NULL,
	"legal_rep_name" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_phone_enc" text NOT NULL,
	"contact_phone_hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "org_unit" (
	"id" uuid PRIMARY KEY NOT NULL,
	"parent_id" uuid,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "region" (
	"id" uuid PRIMARY KEY NOT NULL,
	"parent_id" uuid,
	"code" text NOT NULL,
	"level" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "resident_profile" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"real_name" text NOT NULL,
	"id_number_enc" text NOT NULL,
	"id_number_hash" text NOT NULL,
	"phone_enc" text NOT NULL,
	"phone_hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_profile" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"region_id" uuid
);
--> statement-breakpoint
CREATE TABLE "staff_role" (
	"account_id" uuid NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "staff_role_account_id_role_pk" PRIMARY KEY("account_id","role")
);
--> statement-breakpoint
ALTER TABLE "enterprise_agent" ADD CONSTRAINT "enterprise_agent_enterprise_id_account_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."account"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_agent" ADD CONSTRAINT "enterprise_agent_resident_id_account_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."account"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_profile" ADD CONSTRAINT "enterprise_profile_account_id_account_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."account"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_profile" ADD CONSTRAINT "resident_profile_account_id_account_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."account"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_profile" ADD CONSTRAINT "staff_profile_account_id_account_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."account"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_profile" ADD CONSTRAINT "staff_profile_org_unit_id_org_unit_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_profile" ADD CONSTRAINT "staff_profile_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_role" ADD CONSTRAINT "staff_role_account_id_account_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."account"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "account_login_idx" ON "account" USING btree ("kind","login");--> statement-breakpoint
CREATE INDEX "enterprise_agent_resident_idx" ON "enterprise_agent" USING btree ("resident_id");--> statement-breakpoint
CREATE UNIQUE INDEX "enterprise_credit_code_idx" ON "enterprise_profile" USING btree ("credit_code");--> statement-breakpoint
CREATE UNIQUE INDEX "org_unit_code_idx" ON "org_unit" USING btree ("code");--> statement-breakpoint
CREATE INDEX "org_unit_parent_idx" ON "org_unit" USING btree ("parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "region_code_idx" ON "region" USING btree ("code");--> statement-breakpoint
CREATE INDEX "region_parent_idx" ON "region" USING btree ("parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "resident_id_number_idx" ON "resident_profile" USING btree ("id_number_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "resident_phone_idx" ON "resident_profile" USING btree ("phone_hash");