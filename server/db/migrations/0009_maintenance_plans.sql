CREATE TABLE `maintenance_plans` (
	`id` text PRIMARY KEY NOT NULL,
	`device_id` text NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`trigger` text NOT NULL,
	`required_skills` text DEFAULT '[]' NOT NULL,
	`required_certifications` text DEFAULT '[]' NOT NULL,
	`priority` text,
	`enabled` integer DEFAULT true NOT NULL,
	`baseline_at` integer NOT NULL,
	`baseline_running_ms` integer NOT NULL,
	`last_order_id` integer,
	`last_due_at` integer,
	`last_due_running_ms` integer,
	`last_done_at` integer,
	`last_done_running_ms` integer,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text NOT NULL,
	FOREIGN KEY (`device_id`) REFERENCES `devices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`last_order_id`) REFERENCES `work_orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `maintenance_plans_device_idx` ON `maintenance_plans` (`device_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `maintenance_plans_last_order_idx` ON `maintenance_plans` (`last_order_id`);--> statement-breakpoint
ALTER TABLE `devices` ADD `running_ms` integer DEFAULT 0 NOT NULL;