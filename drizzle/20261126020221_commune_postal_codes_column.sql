-- Existing rows get their codes from commune_postal_codes, so the column can be NOT NULL at once.
ALTER TABLE "communes" ADD COLUMN "postal_codes" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
UPDATE "communes" c SET "postal_codes" = coalesce(
  (SELECT array_agg(p."postal_code" ORDER BY p."postal_code") FROM "commune_postal_codes" p WHERE p."commune_code" = c."code"),
  '{}');--> statement-breakpoint
ALTER TABLE "communes" ALTER COLUMN "postal_codes" DROP DEFAULT;
