namespace crm_sandbox { int placeholder() { return 0; } }
