"""What content and published files must be, and the problems the build tells editors."""
