module Db
  # Reads the connection from the environment, for example:
  #   DATABASE_URL="postgres://appuser:mypassword@db.internal/app_production"
  def self.url
    ENV.fetch("DATABASE_URL")
  end
end
