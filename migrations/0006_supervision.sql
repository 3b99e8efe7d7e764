CREATE TABLE "department_rating" (
	"id" uuid PRIMARY KEY NOT NULL,
	"quarter" text NOT NULL,
	"org_code" text NOT NULL,
	"on_time_rate" real,
	"firings" integer NOT NULL,
	"orders_total" integer NOT NULL,
	"orders_answered" integer NOT NULL,
	"score" real NOT NULL,
	"grade" text NOT NULL,
	"inputs" jsonb NOT NULL,
	"computed_by" text NOT NULL,
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "oversight_order_ref_counter" (
	"year" integer PRIMARY KEY NOT NULL,
	"last" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "oversight_order" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ref" text NOT NULL,
	"org_code" text NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_id" text,
	"subject_ref" text,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"limit_days" integer NOT NULL,
	"state" text DEFAULT 'issued' NOT NULL,
	"issued_by" uuid NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"reply" text,
	"replied_by" uuid,
	"replied_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"closed_by" uuid,
	"closed_at" timestamp with time zone,
	"closing_note" text,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signal_count" (
	"sweep_id" uuid NOT NULL,
	"org_code" text NOT NULL,
	"item_code" text DEFAULT '' NOT NULL,
	"region_code" text DEFAULT '' NOT NULL,
	"green" integer NOT NULL,
	"yellow" integer NOT NULL,
	"red" integer NOT NULL,
	"paused" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signal_sweep" (
	"id" uuid PRIMARY KEY NOT NULL,
	"swept_at" timestamp with time zone NOT NULL,
	"day" date NOT NULL,
	"clocks" integer NOT NULL,
	"millis" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_record" (
	"id" uuid PRIMARY KEY NOT NULL,
	"rule" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_id" text NOT NULL,
	"subject_ref" text,
	"org_code" text NOT NULL,
	"item_code" text,
	"region_code" text,
	"evidence" jsonb NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"fired_at" timestamp with time zone NOT NULL,
	"handled_by" text,
	"handled_at" timestamp with time zone,
	"handled_note" text
);
--> statement-breakpoint
CREATE TABLE "supervision_setting" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "signal_count" ADD CONSTRAINT "signal_count_sweep_id_signal_sweep_id_fk" FOREIGN KEY ("sweep_id") REFERENCES "public"."signal_sweep"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "department_rating_quarter_idx" ON "department_rating" USING btree ("quarter","org_code","computed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "oversight_order_ref_idx" ON "oversight_order" USING btree ("ref");--> statement-breakpoint
CREATE INDEX "oversight_order_org_idx" ON "oversight_order" USING btree ("org_code","state");--> statement-breakpoint
CREATE INDEX "oversight_order_state_idx" ON "oversight_order" USING btree ("state","issued_at");--> statement-breakpoint
CREATE INDEX "signal_count_sweep_idx" ON "signal_count" USING btree ("sweep_id","org_code");--> statement-breakpoint
CREATE INDEX "signal_sweep_swept_idx" ON "signal_sweep" USING btree ("swept_at");--> statement-breakpoint
CREATE INDEX "signal_sweep_day_idx" ON "signal_sweep" USING btree ("day");--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_record_dedupe_idx" ON "supervision_record" USING btree ("rule","dedupe_key");--> statement-breakpoint
CREATE INDEX "supervision_record_org_idx" ON "supervision_record" USING btree ("org_code","fired_at");--> statement-breakpoint
CREATE INDEX "supervision_record_fired_idx" ON "supervision_record" USING btree ("fired_at");--> statement-breakpoint
CREATE INDEX "supervision_record_subject_idx" ON "supervision_record" USING btree ("subject_kind","subject_id");