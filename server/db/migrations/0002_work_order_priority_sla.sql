CREATE TABLE `work_order_notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`work_order_id` integer NOT NULL,
	`key` text NOT NULL,
	`at` integer NOT NULL,
	`sent_at` integer NOT NULL,
	`kind` text NOT NULL,
	`target` text,
	`to` text NOT NULL,
	`cc` text NOT NULL,
	`message` text NOT NULL,
	FOREIGN KEY (`work_order_id`) REFERENCES `work_orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `work_order_notifications_key_idx` ON `work_order_notifications` (`work_order_id`,`key`);--> statement-breakpoint
ALTER TABLE `sites` ADD `calendar` text;--> statement-breakpoint
ALTER TABLE `work_order_events` ADD `hold_reason` text;--> statement-breakpoint
ALTER TABLE `work_orders` ADD `priority` text DEFAULT 'P4' NOT NULL;--> statement-breakpoint
ALTER TABLE `work_orders` ADD `priority_state` text;--> statement-breakpoint
ALTER TABLE `work_orders` ADD `hold_reason` text;--> statement-breakpoint
CREATE INDEX `work_orders_priority_idx` ON `work_orders` (`priority`,`id`);