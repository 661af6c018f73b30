-- A covering index for name search: a short prefix matches thousands of communes, ranked by population
-- from the index alone. Same name as in schema.ts, which cannot express INCLUDE.
DROP INDEX IF EXISTS "communes_search_name_idx";--> statement-breakpoint
CREATE INDEX "communes_search_name_idx" ON "communes" USING btree ("search_name" text_pattern_ops) INCLUDE ("population", "code");
