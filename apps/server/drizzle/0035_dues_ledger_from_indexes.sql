DROP INDEX "dues_payments_committee_month_idx";--> statement-breakpoint
CREATE INDEX "dues_bases_member_month_idx" ON "dues_bases" USING btree ("member_id","effective_month","id","monthly_fen","confirmed_on");--> statement-breakpoint
CREATE INDEX "dues_payments_committee_month_idx" ON "dues_payments" USING btree ("committee_id","month","member_id","id","paid_fen");