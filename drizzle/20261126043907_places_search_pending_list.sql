-- Full-text index rebuilt with a 64 kB pending list (default 4 MB): every search reads the whole list, and the
-- planner, counting its pages, preferred scanning the table. Rebuilding also empties the list left by earlier writes.
DROP INDEX "places_search_vector_idx";--> statement-breakpoint
CREATE INDEX "places_search_vector_idx" ON "places" USING gin ("search_vector") WITH (gin_pending_list_limit=64);
