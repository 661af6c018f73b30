CREATE TABLE "commuting_flow_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"vintage" integer NOT NULL,
	"file_name" text NOT NULL,
	"rows" integer NOT NULL,
	"digest" text NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "commuting_flows" (
	"home_code" text NOT NULL,
	"work_code" text NOT NULL,
	"workers" double precision NOT NULL,
	"abroad" boolean DEFAULT false NOT NULL,
	"fragile" boolean NOT NULL,
	CONSTRAINT "commuting_flows_home_code_work_code_pk" PRIMARY KEY("home_code","work_code"),
	CONSTRAINT "commuting_flows_workers_nonnegative" CHECK ("commuting_flows"."workers" >= 0)
);
--> statement-breakpoint
CREATE TABLE "siting_scenarios" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" text NOT NULL,
	"name" text NOT NULL,
	"request" jsonb NOT NULL,
	"result" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "siting_scenarios_organization_idx" ON "siting_scenarios" USING btree ("organization_id","created_at");