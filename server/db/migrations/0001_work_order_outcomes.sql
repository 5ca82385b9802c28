ALTER TABLE `work_orders` ADD `resolved_at` integer;--> statement-breakpoint
ALTER TABLE `work_orders` ADD `stops_line` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `work_orders` ADD `due_at` integer;--> statement-breakpoint
ALTER TABLE `work_orders` ADD `outcome` text;--> statement-breakpoint
ALTER TABLE `work_orders` ADD `recurrence_of` integer REFERENCES work_orders(id);--> statement-breakpoint
ALTER TABLE `work_orders` ADD `repair_effective` integer;