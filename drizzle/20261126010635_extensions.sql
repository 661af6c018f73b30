-- Extensions every engine must load: cube + earthdistance for distances and nearest-neighbour search,
-- btree_gist for exclusion constraints. PGlite loads them from the app (see db/database.ts).
CREATE EXTENSION IF NOT EXISTS cube;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS earthdistance;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS btree_gist;
