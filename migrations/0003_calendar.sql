CREATE TABLE "calendar_override" (
	"date" date PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"note" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_override_kind_check" CHECK ("calendar_override"."kind" in ('holiday', 'workday', 'closure'))
);
--> statement-breakpoint
CREATE INDEX "calendar_override_kind_idx" ON "calendar_override" USING btree ("kind");