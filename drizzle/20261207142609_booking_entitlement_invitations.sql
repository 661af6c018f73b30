CREATE TABLE "entitlement_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"place_id" uuid NOT NULL,
	"offer_id" uuid NOT NULL,
	"email" text NOT NULL,
	"starts_on" date,
	"invited_by" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"entitlement_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "entitlement_invitations_status_check" CHECK ("entitlement_invitations"."status" in ('pending', 'accepted', 'declined'))
);
--> statement-breakpoint
ALTER TABLE "entitlement_invitations" ADD CONSTRAINT "entitlement_invitations_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entitlement_invitations" ADD CONSTRAINT "entitlement_invitations_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entitlement_invitations" ADD CONSTRAINT "entitlement_invitations_invited_by_user_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entitlement_invitations" ADD CONSTRAINT "entitlement_invitations_entitlement_id_entitlements_id_fk" FOREIGN KEY ("entitlement_id") REFERENCES "public"."entitlements"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "entitlement_invitations_place_idx" ON "entitlement_invitations" USING btree ("place_id","status");--> statement-breakpoint
CREATE INDEX "entitlement_invitations_email_idx" ON "entitlement_invitations" USING btree ("email");