// Placeholder entry point; the sandbox program is written in the sandbox issue.
return 0;
