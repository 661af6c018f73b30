-- One spelling in code and data: "organization". The place's operator column, and the field's name in the
-- history of changes already recorded.
ALTER TABLE "places" RENAME COLUMN "operator_organisation_id" TO "operator_organization_id";--> statement-breakpoint
UPDATE "place_history"
SET "changes" = ("changes" - 'operatorOrganisationId') || jsonb_build_object('operatorOrganizationId', "changes" -> 'operatorOrganisationId')
WHERE "changes" ? 'operatorOrganisationId';
