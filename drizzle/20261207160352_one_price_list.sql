-- One price list per place: the offers are the prices. A place's indicative price that no active offer of its
-- kind stands for becomes an offer (nothing is lost), then the directory's figures are read from the offers:
-- the lowest public price of each kind (a day, a half-day, a carnet of 10 days as sold, a monthly plan).
INSERT INTO "offers" ("place_id", "kind", "name", "price_cents", "units", "validity_days")
SELECT p."id", v."kind", v."name", v."price", v."units", v."validity"
FROM "places" p
CROSS JOIN LATERAL (VALUES
  ('day-pass', 'Journée', p."day_price_cents", NULL::integer, NULL::integer),
  ('half-day-pass', 'Demi-journée', p."half_day_price_cents", NULL, NULL),
  ('carnet', 'Carnet de 10 jours', p."carnet10_price_cents", 10, 365),
  ('monthly-plan', 'Abonnement mensuel', p."month_price_cents", NULL, NULL)
) AS v("kind", "name", "price", "units", "validity")
WHERE v."price" IS NOT NULL
  AND NOT EXISTS (
    SELECT 1 FROM "offers" o
    WHERE o."place_id" = p."id" AND o."active" = 1 AND o."kind" = v."kind" AND (v."kind" <> 'carnet' OR o."units" = 10)
  );--> statement-breakpoint
UPDATE "places" p
SET "day_price_cents" = f."day", "half_day_price_cents" = f."half_day", "carnet10_price_cents" = f."carnet10", "month_price_cents" = f."month"
FROM (
  SELECT q."id",
    (SELECT min(o."price_cents") FROM "offers" o WHERE o."place_id" = q."id" AND o."active" = 1 AND o."kind" = 'day-pass') AS "day",
    (SELECT min(o."price_cents") FROM "offers" o WHERE o."place_id" = q."id" AND o."active" = 1 AND o."kind" = 'half-day-pass') AS "half_day",
    (SELECT min(o."price_cents") FROM "offers" o WHERE o."place_id" = q."id" AND o."active" = 1 AND o."kind" = 'carnet' AND o."units" = 10) AS "carnet10",
    (SELECT min(o."price_cents") FROM "offers" o WHERE o."place_id" = q."id" AND o."active" = 1 AND o."kind" = 'monthly-plan') AS "month"
  FROM "places" q
) f
WHERE f."id" = p."id"
  AND (p."day_price_cents", p."half_day_price_cents", p."carnet10_price_cents", p."month_price_cents")
      IS DISTINCT FROM (f."day", f."half_day", f."carnet10", f."month");
