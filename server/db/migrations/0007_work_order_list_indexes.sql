CREATE INDEX `work_orders_priority_newest_idx` ON `work_orders` (`priority`,"id" desc);--> statement-breakpoint
CREATE INDEX `work_orders_status_priority_idx` ON `work_orders` (`status`,`priority`,"id" desc);--> statement-breakpoint
CREATE INDEX `work_orders_device_priority_idx` ON `work_orders` (`device_id`,`priority`,"id" desc);