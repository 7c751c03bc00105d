"""reformkg explorer: `streamlit run app.py` in a checkout (or `reformkg explore`
anywhere). The app itself is packaged: explorer/app.py."""
from reformkg.explorer.app import main

main()
