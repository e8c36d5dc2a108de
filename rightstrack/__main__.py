from rightstrack.cli import main

main()
