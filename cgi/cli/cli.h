/*
 * Subcommands of the portal binary. Each takes its own argv (argv[0] is
 * the command name) and returns the process exit status.
 */
#ifndef PORTAL_CLI_H
#define PORTAL_CLI_H

struct cli_command {
	const char	*name;
	int		(*run)(int argc, char *argv[]);
	const char	*help;
};

int	cli_serve(int, char *[]);
int	cli_migrate(int, char *[]);
int	cli_load_reference(int, char *[]);
int	cli_keys(int, char *[]);
int	cli_log_monitor(int, char *[]);
int	cli_check_templates(int, char *[]);
int	cli_verify_receipt(int, char *[]);
int	cli_import(int, char *[]);
int	cli_user(int, char *[]);
int	cli_audit(int, char *[]);
int	cli_demo_data(int, char *[]);

#endif /* PORTAL_CLI_H */
