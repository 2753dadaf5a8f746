from eduforge.cli import main

main()
