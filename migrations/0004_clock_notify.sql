CREATE TABLE "clock" (
	"id" uuid PRIMARY KEY NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_id" text NOT NULL,
	"kind" text NOT NULL,
	"org_code" text,
	"item_code" text,
	"region_code" text,
	"limit_value" integer NOT NULL,
	"limit_unit" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"warn_before" integer,
	"warn_share" real,
	"due_at" timestamp with time zone NOT NULL,
	"warn_at" timestamp with time zone NOT NULL,
	"state" text DEFAULT 'running' NOT NULL,
	"paused_at" timestamp with time zone,
	"stopped_at" timestamp with time zone,
	"calendar_assumed" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clock_limit_positive" CHECK ("clock"."limit_value" > 0)
);
--> statement-breakpoint
CREATE TABLE "clock_pause" (
	"id" uuid PRIMARY KEY NOT NULL,
	"clock_id" uuid NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"reason" text NOT NULL,
	"expected_end" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notification" (
	"id" uuid PRIMARY KEY NOT NULL,
	"recipient_id" uuid NOT NULL,
	"template" text NOT NULL,
	"params" jsonb NOT NULL,
	"lang" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"link" text,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification_delivery" (
	"id" uuid PRIMARY KEY NOT NULL,
	"notification_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"address_enc" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "clock_pause" ADD CONSTRAINT "clock_pause_clock_id_clock_id_fk" FOREIGN KEY ("clock_id") REFERENCES "public"."clock"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_delivery" ADD CONSTRAINT "notification_delivery_notification_id_notification_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notification"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "clock_subject_idx" ON "clock" USING btree ("subject_kind","subject_id");--> statement-breakpoint
CREATE INDEX "clock_open_due_idx" ON "clock" USING btree ("due_at") WHERE state in ('running', 'paused');--> statement-breakpoint
CREATE INDEX "clock_open_org_idx" ON "clock" USING btree ("org_code","warn_at") WHERE state = 'running';--> statement-breakpoint
CREATE INDEX "clock_pause_clock_idx" ON "clock_pause" USING btree ("clock_id","started_at");--> statement-breakpoint
CREATE INDEX "notification_recipient_idx" ON "notification" USING btree ("recipient_id","created_at");--> statement-breakpoint
CREATE INDEX "notification_delivery_status_idx" ON "notification_delivery" USING btree ("status","created_at");