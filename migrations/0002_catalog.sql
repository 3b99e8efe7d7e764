CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "stored_file" (
	"id" uuid PRIMARY KEY NOT NULL,
	"sha256" text NOT NULL,
	"size" bigint NOT NULL,
	"media_type" text NOT NULL,
	"name" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_document" (
	"kind" text NOT NULL,
	"doc_id" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"url" text NOT NULL,
	"visibility" text NOT NULL,
	"org_code" text,
	"lang" text DEFAULT 'zh-CN' NOT NULL,
	"facets" text[] DEFAULT '{}' NOT NULL,
	"date" timestamp with time zone NOT NULL,
	"tokens" "tsvector" NOT NULL,
	"text" text NOT NULL,
	CONSTRAINT "search_document_kind_doc_id_lang_pk" PRIMARY KEY("kind","doc_id","lang")
);
--> statement-breakpoint
CREATE TABLE "bundle" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"description_zh" text NOT NULL,
	"description_en" text NOT NULL,
	"org_code" text NOT NULL,
	"audience" text NOT NULL,
	"life_event" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"definition" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bundle_item" (
	"bundle_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "bundle_item_bundle_id_item_id_pk" PRIMARY KEY("bundle_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "catalog_import" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_code" text NOT NULL,
	"file_name" text NOT NULL,
	"file_id" uuid,
	"status" text DEFAULT 'queued' NOT NULL,
	"total_rows" integer DEFAULT 0 NOT NULL,
	"processed_rows" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_items" integer DEFAULT 0 NOT NULL,
	"updated_items" integer DEFAULT 0 NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "service_item" (
	"id" uuid PRIMARY KEY NOT NULL,
	"task_code" text NOT NULL,
	"org_code" text NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"published_version_id" uuid,
	"notice" text,
	"notice_at" timestamp with time zone,
	"name_zh" text NOT NULL,
	"name_en" text,
	"task_type" text NOT NULL,
	"audiences" text[] DEFAULT '{}'::text[] NOT NULL,
	"life_events" text[] DEFAULT '{}'::text[] NOT NULL,
	"township_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"handle_area" text DEFAULT 'county' NOT NULL,
	"online_depth" integer DEFAULT 1 NOT NULL,
	"scene_visits" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_item_version" (
	"id" uuid PRIMARY KEY NOT NULL,
	"item_id" uuid NOT NULL,
	"version_no" integer NOT NULL,
	"status" text NOT NULL,
	"content" jsonb NOT NULL,
	"form" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" text,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "bundle_item" ADD CONSTRAINT "bundle_item_bundle_id_bundle_id_fk" FOREIGN KEY ("bundle_id") REFERENCES "public"."bundle"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bundle_item" ADD CONSTRAINT "bundle_item_item_id_service_item_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."service_item"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_item_version" ADD CONSTRAINT "service_item_version_item_id_service_item_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."service_item"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stored_file_sha_idx" ON "stored_file" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "search_document_tokens_idx" ON "search_document" USING gin ("tokens");--> statement-breakpoint
CREATE INDEX "search_document_text_trgm_idx" ON "search_document" USING gin ("text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "search_document_facets_idx" ON "search_document" USING gin ("facets");--> statement-breakpoint
CREATE UNIQUE INDEX "bundle_code_idx" ON "bundle" USING btree ("code");--> statement-breakpoint
CREATE INDEX "catalog_import_org_idx" ON "catalog_import" USING btree ("org_code","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "service_item_task_code_idx" ON "service_item" USING btree ("task_code");--> statement-breakpoint
CREATE INDEX "service_item_org_idx" ON "service_item" USING btree ("org_code","state");--> statement-breakpoint
CREATE INDEX "service_item_life_idx" ON "service_item" USING gin ("life_events");--> statement-breakpoint
CREATE INDEX "service_item_township_idx" ON "service_item" USING gin ("township_codes");--> statement-breakpoint
CREATE UNIQUE INDEX "service_item_version_no_idx" ON "service_item_version" USING btree ("item_id","version_no");--> statement-breakpoint
CREATE UNIQUE INDEX "service_item_one_draft_idx" ON "service_item_version" USING btree ("item_id") WHERE status = 'draft';