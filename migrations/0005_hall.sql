CREATE TABLE "application" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ref" text,
	"state" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"item_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"task_code" text NOT NULL,
	"item_name" text NOT NULL,
	"item_name_en" text,
	"org_code" text NOT NULL,
	"immediate" boolean DEFAULT false NOT NULL,
	"applicant_id" uuid,
	"applicant_kind" text NOT NULL,
	"applicant_name" text NOT NULL,
	"applicant_id_enc" text,
	"applicant_id_hash" text,
	"acting_person_id" uuid,
	"channel" text NOT NULL,
	"staff_id" uuid,
	"consent" jsonb,
	"region_code" text,
	"kind" text DEFAULT 'case' NOT NULL,
	"parent_id" uuid,
	"bundle_code" text,
	"answers" jsonb NOT NULL,
	"form_page" text,
	"assignee_id" uuid,
	"step_no" integer DEFAULT 0 NOT NULL,
	"special_open" boolean DEFAULT false NOT NULL,
	"decision" text,
	"decision_reason" text,
	"result_name" text,
	"result_no" text,
	"delivery_method" text,
	"tracking_no" text,
	"fee_fen" bigint,
	"visits" integer DEFAULT 0 NOT NULL,
	"committed_due_at" timestamp with time zone,
	"statutory_due_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "application_correction" (
	"id" uuid PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"problems" jsonb NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"answer_note" text
);
--> statement-breakpoint
CREATE TABLE "application_document" (
	"id" uuid PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"doc_no" text NOT NULL,
	"event_id" uuid NOT NULL,
	"file_id" uuid,
	"lang" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "application_event" (
	"id" uuid PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"actor_name" text NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text,
	"note" text,
	"details" jsonb,
	"public" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "application_material" (
	"application_id" uuid NOT NULL,
	"material_id" text NOT NULL,
	"file_id" uuid NOT NULL,
	"pages" integer,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "application_material_application_id_material_id_file_id_pk" PRIMARY KEY("application_id","material_id","file_id")
);
--> statement-breakpoint
CREATE TABLE "application_ref_counter" (
	"day" text PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "application_special" (
	"id" uuid PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"expected_end" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"started_by" uuid NOT NULL,
	"ended_at" timestamp with time zone,
	"outcome" text
);
--> statement-breakpoint
CREATE TABLE "application_step" (
	"application_id" uuid NOT NULL,
	"step_no" integer NOT NULL,
	"org_code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"days" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"opinion" text,
	"signed_by" uuid,
	"signed_at" timestamp with time zone,
	CONSTRAINT "application_step_application_id_step_no_org_code_pk" PRIMARY KEY("application_id","step_no","org_code")
);
--> statement-breakpoint
ALTER TABLE "application_correction" ADD CONSTRAINT "application_correction_application_id_application_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."application"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_document" ADD CONSTRAINT "application_document_application_id_application_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."application"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_event" ADD CONSTRAINT "application_event_application_id_application_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."application"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_material" ADD CONSTRAINT "application_material_application_id_application_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."application"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_special" ADD CONSTRAINT "application_special_application_id_application_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."application"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_step" ADD CONSTRAINT "application_step_application_id_application_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."application"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "application_ref_idx" ON "application" USING btree ("ref");--> statement-breakpoint
CREATE INDEX "application_queue_idx" ON "application" USING btree ("org_code","state","committed_due_at");--> statement-breakpoint
CREATE INDEX "application_state_idx" ON "application" USING btree ("state","submitted_at");--> statement-breakpoint
CREATE INDEX "application_applicant_idx" ON "application" USING btree ("applicant_id","created_at");--> statement-breakpoint
CREATE INDEX "application_acting_idx" ON "application" USING btree ("acting_person_id") WHERE acting_person_id is not null;--> statement-breakpoint
CREATE INDEX "application_parent_idx" ON "application" USING btree ("parent_id") WHERE parent_id is not null;--> statement-breakpoint
CREATE INDEX "application_id_hash_idx" ON "application" USING btree ("applicant_id_hash");--> statement-breakpoint
CREATE INDEX "application_submitted_idx" ON "application" USING btree ("submitted_at");--> statement-breakpoint
CREATE INDEX "application_assignee_idx" ON "application" USING btree ("assignee_id") WHERE assignee_id is not null;--> statement-breakpoint
CREATE INDEX "application_correction_app_idx" ON "application_correction" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "application_document_app_idx" ON "application_document" USING btree ("application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "application_document_event_idx" ON "application_document" USING btree ("event_id","kind");--> statement-breakpoint
CREATE INDEX "application_event_app_idx" ON "application_event" USING btree ("application_id","at");--> statement-breakpoint
CREATE INDEX "application_special_app_idx" ON "application_special" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "application_step_pending_idx" ON "application_step" USING btree ("org_code") WHERE status = 'pending';