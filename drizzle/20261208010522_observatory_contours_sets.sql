CREATE TABLE "commune_sets" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "commune_sets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"organization_id" text NOT NULL,
	"commune_codes" text[] NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "commune_contours" (
	"code" text PRIMARY KEY NOT NULL,
	"geometry" jsonb NOT NULL,
	"source" text NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "commune_contours" ADD CONSTRAINT "commune_contours_code_communes_code_fk" FOREIGN KEY ("code") REFERENCES "public"."communes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "commune_sets_organization_idx" ON "commune_sets" USING btree ("organization_id");