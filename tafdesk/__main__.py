from tafdesk.cli import main

raise SystemExit(main())
