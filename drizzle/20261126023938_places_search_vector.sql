-- Full-text search reads lexemes stored by the app (its own accent folding) instead of parsing search_text on
-- every row: a search matching most places no longer re-parses them all. Rows written before are converted here.
DROP INDEX "places_search_idx";--> statement-breakpoint
ALTER TABLE "places" ADD COLUMN "search_vector" "tsvector" DEFAULT ''::tsvector NOT NULL;--> statement-breakpoint
UPDATE "places" SET "search_vector" = strip(to_tsvector('simple', "search_text"));--> statement-breakpoint
CREATE INDEX "places_search_vector_idx" ON "places" USING gin ("search_vector");--> statement-breakpoint
ALTER TABLE "places" DROP COLUMN "search_text";
