CREATE TABLE `anomalies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`device_id` text NOT NULL,
	`metric` text NOT NULL,
	`rule_id` text NOT NULL,
	`rule_version` integer NOT NULL,
	`failure_mode` text NOT NULL,
	`severity` text NOT NULL,
	`active` integer NOT NULL,
	`acknowledged` integer NOT NULL,
	`started_at` integer NOT NULL,
	`last_event_at` integer NOT NULL,
	`cleared_at` integer,
	`last_value` real NOT NULL,
	`work_order_id` integer,
	FOREIGN KEY (`device_id`) REFERENCES `devices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`work_order_id`) REFERENCES `work_orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `anomalies_device_rule_active_idx` ON `anomalies` (`device_id`,`rule_id`,`active`);--> statement-breakpoint
CREATE INDEX `anomalies_active_idx` ON `anomalies` (`active`);--> statement-breakpoint
CREATE INDEX `anomalies_work_order_idx` ON `anomalies` (`work_order_id`);--> statement-breakpoint
CREATE TABLE `dead_letters` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`received_at` integer NOT NULL,
	`client_id` text,
	`topic` text NOT NULL,
	`reason` text NOT NULL,
	`detail` text NOT NULL,
	`payload_preview` text NOT NULL,
	`payload_bytes` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `dead_letters_reason_idx` ON `dead_letters` (`reason`);--> statement-breakpoint
CREATE INDEX `dead_letters_received_idx` ON `dead_letters` (`received_at`);--> statement-breakpoint
CREATE TABLE `devices` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`line_id` text NOT NULL,
	`agent_id` text NOT NULL,
	`name` text NOT NULL,
	`class` text NOT NULL,
	`criticality` text NOT NULL,
	`rated_current` real NOT NULL,
	`insulation_class` text NOT NULL,
	`foundation` text NOT NULL,
	`position` integer NOT NULL,
	`last_seen_at` integer,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`line_id`) REFERENCES `lines`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `devices_line_idx` ON `devices` (`line_id`);--> statement-breakpoint
CREATE TABLE `line_feeds` (
	`from_line` text NOT NULL,
	`to_line` text NOT NULL,
	PRIMARY KEY(`from_line`, `to_line`),
	FOREIGN KEY (`from_line`) REFERENCES `lines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_line`) REFERENCES `lines`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `lines` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`name` text NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `lines_site_idx` ON `lines` (`site_id`);--> statement-breakpoint
CREATE TABLE `rules` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`scope_kind` text NOT NULL,
	`equipment_class` text,
	`device_id` text,
	`metric` text NOT NULL,
	`direction` text NOT NULL,
	`basis` text NOT NULL,
	`warn` real NOT NULL,
	`alarm` real NOT NULL,
	`clear` real NOT NULL,
	`min_duration_ms` integer NOT NULL,
	`clear_duration_ms` integer NOT NULL,
	`failure_mode` text NOT NULL,
	`enabled` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sites` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`timezone` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `work_order_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`work_order_id` integer NOT NULL,
	`at` integer NOT NULL,
	`actor` text NOT NULL,
	`kind` text NOT NULL,
	`from` text,
	`to` text,
	`note` text,
	FOREIGN KEY (`work_order_id`) REFERENCES `work_orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `work_order_events_order_idx` ON `work_order_events` (`work_order_id`,`id`);--> statement-breakpoint
CREATE TABLE `work_orders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` text NOT NULL,
	`type` text NOT NULL,
	`status` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`device_id` text NOT NULL,
	`failure_mode` text,
	`severity` text,
	`evidence` text,
	`occurrences` integer DEFAULT 1 NOT NULL,
	`last_occurrence_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`closed_at` integer,
	FOREIGN KEY (`device_id`) REFERENCES `devices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `work_orders_number_idx` ON `work_orders` (`number`);--> statement-breakpoint
CREATE INDEX `work_orders_device_mode_status_idx` ON `work_orders` (`device_id`,`failure_mode`,`status`);--> statement-breakpoint
CREATE INDEX `work_orders_status_idx` ON `work_orders` (`status`);--> statement-breakpoint
CREATE INDEX `work_orders_type_idx` ON `work_orders` (`type`);