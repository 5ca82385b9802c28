CREATE TABLE `line_state_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`line_id` text NOT NULL,
	`at` integer NOT NULL,
	`from` text,
	`to` text NOT NULL,
	`cause` text,
	`cause_ref` text,
	`reasons` text NOT NULL,
	FOREIGN KEY (`line_id`) REFERENCES `lines`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `line_state_changes_line_at_idx` ON `line_state_changes` (`line_id`,`at`);